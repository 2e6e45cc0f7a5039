// Loaded with `node --require` in front of the Agents Playground by the test harness
// (tests/Bot.Tests/Support/AgentsPlayground.cs). The playground itself has no option for either of these:
//
// 1. It listens on every interface (`server.listen(port)`). Listening sockets that are given a port but no host
//    are bound to 127.0.0.1 instead, so the emulator is reachable from this machine only.
// 2. When the process that started it goes away, its standard input closes; the playground then exits instead of
//    living on as an orphan (the harness keeps standard input open until it stops the playground).
"use strict";

const net = require("net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  const isPort = typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first));
  if (isPort && typeof args[1] !== "string") {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};

if (process.env.AGENTS_PLAYGROUND_EXIT_WITH_STDIN === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
}
