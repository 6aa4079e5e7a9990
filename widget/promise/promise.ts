import { defineElement } from '../internal/define.js';
import { NearbuyPromise } from './promise.component.js';

export { NearbuyPromise };
defineElement('nearbuy-promise', NearbuyPromise);
