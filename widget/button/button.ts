import { defineElement } from '../internal/define.js';
import { NearbuyButton } from './button.component.js';

export { NearbuyButton };
defineElement('nearbuy-button', NearbuyButton);
