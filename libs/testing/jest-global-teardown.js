require('./register-paths');
module.exports = require('./src/global-teardown').default;
