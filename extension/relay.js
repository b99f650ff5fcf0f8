// Firefox gives extension frames inside web pages no `tabs` API, so the assistant
// there cannot open its port to the page agent itself. The background opens it for
// the frame and passes messages both ways; on Chromium the frame connects directly.
import { isOurPage } from './sender.js';

export function installRelay(api) {
  api.runtime.onConnect.addListener((framePort) => {
    const sender = framePort.sender;
    const fromAssistant =
      framePort.name === 'patguard-relay' &&
      isOurPage(api, sender, ['assistant.html']) &&
      sender.tab;
    if (!fromAssistant) return;
    const agentPort = api.tabs.connect(sender.tab.id, { name: 'patguard-assistant', frameId: 0 });
    framePort.onMessage.addListener((msg) => agentPort.postMessage(msg));
    agentPort.onMessage.addListener((msg) => framePort.postMessage(msg));
    framePort.onDisconnect.addListener(() => agentPort.disconnect());
    agentPort.onDisconnect.addListener(() => framePort.disconnect());
  });
}
