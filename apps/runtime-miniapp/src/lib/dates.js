// Calendar dates as "YYYY-MM-DD" strings (the format of <picker mode="date">), computed in UTC so adding days
// never slips across a time zone or daylight-saving change.
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

function parse(date) {
  const [year, month, day] = date.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

function format(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** The shopper's local date today. */
function today() {
  const now = new Date();
  return format(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

function addDays(date, days) {
  return format(parse(date) + days * DAY_MS);
}

function daysBetween(from, to) {
  return Math.round((parse(to) - parse(from)) / DAY_MS);
}

/** "4月1日 周三" */
function dateLabel(date) {
  const day = new Date(parse(date));
  return `${day.getUTCMonth() + 1}月${day.getUTCDate()}日 ${WEEKDAYS[day.getUTCDay()]}`;
}

function isDate(value) {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

module.exports = { addDays, dateLabel, daysBetween, isDate, today };
