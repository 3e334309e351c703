/**
 * Broad full-text searches ("ke hoach tuyen dung" matches one document in eight) are slow when the
 * planner, which cannot tell how many documents a query matches, fetches every hit through the GIN
 * index and sorts them all for one page. Lists therefore first look for the page among the newest
 * SEARCH_WINDOW rows of the same list, in the same order: when that window holds the whole page (and
 * one more row), it is exactly the page the full search gives, since the window is the beginning of
 * the ordered list. Otherwise (rare terms, deep pages) the full search runs. Same rows, either way.
 */
export const SEARCH_WINDOW = 1000;
