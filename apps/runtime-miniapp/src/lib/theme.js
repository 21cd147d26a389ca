// The theme as inline CSS variables on each page's root, so a theme changed after the package was built shows
// without a new upload (theme.wxss holds the baked values for the first paint). Values are checked so a
// merchant colour can only ever be a colour.
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

// In px, not rpx: rpx is converted in declarations but not reliably inside custom property values. The
// generator writes theme.wxss with this same function (see README).
const RADIUS = { square: "0", rounded: "6px", round: "16px" };

const COLOR_VARIABLES = [
  ["--kd-primary", "primaryColor"],
  ["--kd-accent", "accentColor"],
  ["--kd-background", "backgroundColor"],
  ["--kd-text", "textColor"],
];

function themeStyle(theme) {
  const declarations = COLOR_VARIABLES.filter(([, key]) => HEX_COLOR.test(theme[key])).map(
    ([variable, key]) => `${variable}: ${theme[key]}`,
  );
  if (Object.prototype.hasOwnProperty.call(RADIUS, theme.corners)) {
    declarations.push(`--kd-radius: ${RADIUS[theme.corners]}`);
  }
  return declarations.join("; ");
}

function isHexColor(value) {
  return HEX_COLOR.test(value);
}

module.exports = { themeStyle, isHexColor, COLOR_VARIABLES, RADIUS };
