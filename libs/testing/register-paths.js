const path = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

register({ baseUrl: path.resolve(__dirname, '..', '..'), paths: compilerOptions.paths });
