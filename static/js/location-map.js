// Enhances a location page with a Leaflet map; without JavaScript the address
// and the route link do the same job.
document.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("map");
  if (!element || !window.L || !element.dataset.tiles) return;
  // Leaflet guesses its marker images' folder from leaflet.css's file name, which the
  // production static storage changes (leaflet.<hash>.css): the markers then 404. The
  // page gives their real (hashed) addresses instead.
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: element.dataset.markerIcon,
    iconRetinaUrl: element.dataset.markerIcon2x,
    shadowUrl: element.dataset.markerShadow,
  });
  var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  var map = L.map(element, { scrollWheelZoom: false }).setView(point, 16);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: "© OpenStreetMap" }).addTo(map);
  L.marker(point, { title: element.dataset.label, alt: element.dataset.label }).addTo(map);
});
