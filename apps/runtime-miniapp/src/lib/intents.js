// What a tap asks of a tab page it opens (which category, which search). wx.switchTab drops query strings, so
// the request waits here until the page shows, or reaches the page at once when it is already open.
const waiting = {};
const receivers = {};

function sendIntent(pageId, intent) {
  if (receivers[pageId]) receivers[pageId](intent);
  else waiting[pageId] = intent;
}

function takeIntent(pageId) {
  const intent = waiting[pageId];
  delete waiting[pageId];
  return intent;
}

/** Lets an open page receive its intents directly; returns the function that stops it. */
function receiveIntents(pageId, receiver) {
  receivers[pageId] = receiver;
  return () => {
    if (receivers[pageId] === receiver) delete receivers[pageId];
  };
}

module.exports = { sendIntent, takeIntent, receiveIntents };
