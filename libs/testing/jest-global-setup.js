// Jest loads global setup outside its module mapper, so resolve the tsconfig path aliases here.
require('./register-paths');
module.exports = require('./src/global-setup').default;
