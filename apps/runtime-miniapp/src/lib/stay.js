// The hotel stay being planned: check-in, check-out and the room, shared by the booking bar, the room list,
// the item page and the booking page, so choices made on one show on the others.
const { addDays, dateLabel, daysBetween, isDate, today } = require("./dates");
const { createEmitter } = require("./emitter");
const { getJson } = require("./request");

/** How far ahead a stay may start. */
const MAX_DAYS_AHEAD = 180;
const MAX_NIGHTS = 30;

const changes = createEmitter();
let stay = null;

function defaultStay(nights) {
  const checkIn = today();
  return { checkIn, checkOut: addDays(checkIn, nights), roomId: "" };
}

/** The stay; the first caller's default length (the booking bar's setting) applies until a date is picked. */
function currentStay(defaultNights = 1) {
  if (!stay) stay = defaultStay(defaultNights);
  return stay;
}

/** Changes dates or room; check-out is moved so the stay always lasts 1 to MAX_NIGHTS nights. */
function updateStay(change) {
  const next = Object.assign({}, currentStay(), change);
  if (!isDate(next.checkIn) || daysBetween(today(), next.checkIn) < 0) next.checkIn = today();
  const nights = isDate(next.checkOut) ? daysBetween(next.checkIn, next.checkOut) : 0;
  if (nights < 1 || nights > MAX_NIGHTS) next.checkOut = addDays(next.checkIn, 1);
  stay = next;
  changes.emit(stay);
}

/** What date pickers show: the dates, their labels, the nights and the ranges each picker offers. */
function stayView(value) {
  const first = today();
  return {
    checkIn: value.checkIn,
    checkOut: value.checkOut,
    checkInLabel: dateLabel(value.checkIn),
    checkOutLabel: dateLabel(value.checkOut),
    nights: daysBetween(value.checkIn, value.checkOut),
    checkInStart: first,
    checkInEnd: addDays(first, MAX_DAYS_AHEAD),
    checkOutStart: addDays(value.checkIn, 1),
    checkOutEnd: addDays(value.checkIn, MAX_NIGHTS),
  };
}

/** The read API's nights for exactly these dates, each with a whole rate and rooms left; else null. */
function acceptNights(body, dates) {
  const nights = body && Array.isArray(body.nights) ? body.nights : null;
  if (!nights || nights.length !== dates.length) return null;
  const whole = (value) => Number.isInteger(value) && value >= 0;
  const valid = nights.every((night, i) => night && night.date === dates[i] && whole(night.rateFen) && whole(night.available));
  return valid ? nights : null;
}

/**
 * What the stay in `room` costs: the sum of each night's rate and the nights with no room left, as the read API
 * says (`live`); without an API or an answer, the room's price times the nights, as the baked catalog says.
 */
function quoteStay(apiBase, room, value) {
  const count = daysBetween(value.checkIn, value.checkOut);
  const dates = [];
  for (let i = 0; i < count; i += 1) dates.push(addDays(value.checkIn, i));
  const estimate = { totalFen: room.priceFen * count, soldOut: [], nights: [], live: false };
  if (!apiBase || !count) return Promise.resolve(estimate);
  const url = `${apiBase}/items/${encodeURIComponent(room.id)}/nights?from=${dates[0]}&to=${dates[count - 1]}`;
  return getJson(url, "").then(
    (answer) => {
      const nights = answer.status === 200 ? acceptNights(answer.body, dates) : null;
      if (!nights) return estimate;
      return {
        totalFen: nights.reduce((sum, night) => sum + night.rateFen, 0),
        soldOut: nights.filter((night) => night.available === 0).map((night) => dateLabel(night.date)),
        // Each night as the booking form lists it: its rate and the rooms left after others' bookings.
        nights: nights.map((night) => ({ date: night.date, label: dateLabel(night.date), rateFen: night.rateFen, left: night.available })),
        live: true,
      };
    },
    () => estimate,
  );
}

module.exports = { currentStay, updateStay, stayView, quoteStay, onStayChange: changes.on };
