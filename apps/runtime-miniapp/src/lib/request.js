// JSON over wx.request. `getJson` reads a document with an ETag (the read API); `sendJson` sends any method with a
// body and headers (shop-api's trading routes). Both settle with the status and body, or reject on network failure
// and after TIMEOUT_MS, so a slow API never holds a page open.
const TIMEOUT_MS = 5000;

function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers || {}).find((candidate) => candidate.toLowerCase() === wanted);
  return key ? String(headers[key]) : "";
}

function getJson(url, etag) {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method: "GET",
      dataType: "json",
      timeout: TIMEOUT_MS,
      header: etag ? { "If-None-Match": etag } : {},
      success: (response) =>
        resolve({ status: response.statusCode, body: response.data, etag: headerValue(response.header, "ETag") }),
      fail: reject,
    });
  });
}

/** `header` adds to the JSON content type; `data` is sent as JSON (none for GET). */
function sendJson(url, method, data, header) {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method,
      data: method === "GET" ? undefined : data || {},
      dataType: "json",
      timeout: TIMEOUT_MS,
      header: Object.assign({ "Content-Type": "application/json" }, header),
      success: (response) => resolve({ status: response.statusCode, body: response.data }),
      fail: reject,
    });
  });
}

module.exports = { getJson, sendJson };
