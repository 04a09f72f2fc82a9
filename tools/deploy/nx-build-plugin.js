// Gives every service (an app with src/main.ts) a `build` target, so `nx build <service>` works for services
// that exist today and those added later without editing their project.json.
const { dirname } = require('node:path');

const createNodes = [
  'apps/*/src/main.ts',
  async (mainFiles) =>
    mainFiles.map((mainFile) => {
      const root = dirname(dirname(mainFile));
      const service = root.split('/').pop();
      return [
        mainFile,
        {
          projects: {
            [root]: {
              targets: {
                build: {
                  executor: 'nx:run-commands',
                  cache: true,
                  inputs: ['production', '^production', '{workspaceRoot}/package.json', '{workspaceRoot}/tools/deploy/build-service.ts'],
                  outputs: [`{workspaceRoot}/dist/apps/${service}`],
                  options: { command: `node -r @swc-node/register tools/deploy/build-service.ts ${service}`, cwd: '.' },
                },
              },
            },
          },
        },
      ];
    }),
];

module.exports = { name: 'tequio-build', createNodes };
