// Firefox gives extension frames inside web pages no `tabs` API, so the assistant
// there cannot open its port to the page agent itself. The background opens it for
// the frame and passes messages both ways; on Chromium the frame connects directly.
export function installRelay(api) {
  const assistantUrl = api.runtime.getURL('assistant.html');
  api.runtime.onConnect.addListener((framePort) => {
    const sender = framePort.sender;
    const fromAssistant =
      framePort.name === 'patguard-relay' &&
      sender?.id === api.runtime.id &&
      typeof sender.url === 'string' &&
      sender.url.startsWith(assistantUrl) &&
      sender.tab;
    if (!fromAssistant) return;
    const agentPort = api.tabs.connect(sender.tab.id, { name: 'patguard-assistant', frameId: 0 });
    framePort.onMessage.addListener((msg) => agentPort.postMessage(msg));
    agentPort.onMessage.addListener((msg) => framePort.postMessage(msg));
    framePort.onDisconnect.addListener(() => agentPort.disconnect());
    agentPort.onDisconnect.addListener(() => framePort.disconnect());
  });
}
