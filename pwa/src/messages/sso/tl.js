/** The City sign-in's hand-off screen (src/screens/sso.js), tl: same keys as en.js. */
export default {
  'sso.title': 'Sina-sign in kayo',
  'sso.busy': 'Tinatapos ang pag-sign in…',
  'sso.refused.title': 'Magtanong sa inyong administrator',
  'sso.failed.title': 'Hindi natapos ang pag-sign in',
  'sso.error.unmapped': 'Hindi pa naka-set up para sa Encounter Log ang inyong account sa Lungsod. Hilingin sa inyong administrator na bigyan kayo ng access.',
  'sso.error.inactive': 'Naka-off ang inyong account sa Encounter Log. Magtanong sa inyong administrator.',
  'sso.error.provider': 'Hindi kayo pinapasok ng sign-in ng Lungsod: maaaring naka-disable ang account, o kinansela ang pag-sign in. Magtanong sa inyong administrator kung mangyari ulit.',
  'sso.error.expired': 'Masyadong natagalan ang pag-sign in o nagamit na ito. Subukan ulit.',
  'sso.error.invalid': 'Hindi ma-check ang pag-sign in. Subukan ulit; kung mangyari ulit, sabihan ang inyong administrator.',
  'sso.try_again': 'Subukan ulit',
  'sso.back': 'Bumalik sa pag-sign in',
};
