// The home page is all sections; with none configured it still greets with the store's name.
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("home")],
});
