import { packageProject } from '../../vitest.shared.js';

export default packageProject({ name: '__NAME__' });
