/*
 * Vaadin's field ARIA controller marks a required date-time picker's host (role "group") and a
 * required select's value button (role "button") with aria-required, which ARIA allows on neither
 * (axe: aria-allowed-attr, critical; vaadin/web-components#7337). The requirement is announced
 * where ARIA allows it instead: on the date and time inputs of the picker. A select keeps its
 * visible required indicator and its error message.
 */
function redirectAriaRequired(tag, moveTo) {
  customElements.whenDefined(tag).then(() => {
    const proto = customElements.get(tag).prototype;
    const setAttribute = proto.setAttribute;
    const removeAttribute = proto.removeAttribute;
    proto.setAttribute = function (name, value) {
      if (name !== 'aria-required') {
        return setAttribute.call(this, name, value);
      }
      moveTo(this, true);
    };
    proto.removeAttribute = function (name) {
      if (name === 'aria-required') {
        moveTo(this, false);
      }
      return removeAttribute.call(this, name);
    };
  });
}

function markInputs(host, required) {
  // The inner pickers may render after the required state arrives.
  const apply = () => host.querySelectorAll('input').forEach((input) =>
    required ? input.setAttribute('aria-required', 'true') : input.removeAttribute('aria-required'));
  apply();
  requestAnimationFrame(apply);
}

redirectAriaRequired('vaadin-date-time-picker', markInputs);
redirectAriaRequired('vaadin-select-value-button', () => {});
