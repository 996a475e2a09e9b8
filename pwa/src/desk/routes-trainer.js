/** Desk routes of the trainer screens: [pattern over the path after '#/desk/', screen module, param names]. */
export default [
];
