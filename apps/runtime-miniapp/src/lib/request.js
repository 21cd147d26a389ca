// GET a JSON document with an ETag. Settles with the status, body and ETag, or rejects on network failure and
// after TIMEOUT_MS, so a slow API never holds the refresh open.
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

module.exports = { getJson };
