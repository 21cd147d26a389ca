export { recordEvents, rebuildViewDays, type RecordEventsInput } from "./events";
export { FOLD_LAG_MS, foldOrders, foldStore, startAnalyticsFold, type AnalyticsFold } from "./fold";
export { combineOverviews, readOverview, TOP_ITEMS } from "./overview";
