/** Desk routes of the liaison screens: [pattern over the path after '#/desk/', screen module, param names]. */
export default [
];
