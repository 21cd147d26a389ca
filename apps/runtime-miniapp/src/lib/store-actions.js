// Reaching the store: a phone call or the map. Both only open WeChat's own screens; nothing is sent anywhere.
function callStore(store) {
  if (store && store.phone) wx.makePhoneCall({ phoneNumber: store.phone.replace(/[\s-]/g, "") });
}

function showStoreOnMap(store) {
  if (!store || !store.location) return;
  wx.openLocation({
    latitude: store.location.latitude,
    longitude: store.location.longitude,
    name: store.name,
    address: store.address,
    scale: 16,
  });
}

module.exports = { callStore, showStoreOnMap };
