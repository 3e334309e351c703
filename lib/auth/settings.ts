const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

// ASVS 7.3.1/7.3.2 and 6.3.1; each can be tuned per installation (README, "Configuration").
export const authSettings = {
  idleMinutes: num("SESSION_IDLE_MINUTES", 30),
  maxHours: num("SESSION_MAX_HOURS", 10),
  maxFailures: num("LOGIN_MAX_FAILURES", 5),
  windowMinutes: num("LOGIN_WINDOW_MINUTES", 15),
  ipMaxFailures: num("LOGIN_IP_MAX_FAILURES", 30),
};
