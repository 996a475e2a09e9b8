/** Spanish messages of the liaison desk screens. Flat keys; {name} placeholders are filled by t(). */
export default {
};
