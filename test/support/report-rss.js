// Preloaded with `node --require` by the CLI's process-level tests: on exit, writes the process's peak resident
// memory (KiB) and CPU time (ms) to $AIM_RSS_FILE as JSON, so a test can hold the command to memory and time
// bounds that do not depend on how busy the machine is.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  if (!process.env.AIM_RSS_FILE) return;
  const cpu = process.cpuUsage();
  writeFileSync(process.env.AIM_RSS_FILE, JSON.stringify({ maxRssKib: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }));
});
