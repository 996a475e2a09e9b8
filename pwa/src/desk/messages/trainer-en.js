/** English messages of the trainer desk screens. Flat keys; {name} placeholders are filled by t(). */
export default {
};
