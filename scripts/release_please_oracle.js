// Release Please's own answers for the rows read from stdin (one JSON object a line):
// the component and tag name its strategy computes, the commits its splitter and
// exclude-paths filter keep for the package, and the next version its versioning
// strategy proposes over its own parse of those commits. Runs offline: the GitHub client
// is a stub that serves the row's files. Usage: node release_please_oracle.js RP_DIR
'use strict';
const path = require('path');
const readline = require('readline');

const root = path.join(process.argv[2], 'node_modules', 'release-please', 'build', 'src');
const {buildStrategy} = require(path.join(root, 'factory'));
const {parseConventionalCommits} = require(path.join(root, 'commit'));
const {TagName} = require(path.join(root, 'util', 'tag-name'));
const {Version} = require(path.join(root, 'version'));
const {CommitSplit} = require(path.join(root, 'util', 'commit-split'));
const {CommitExclude} = require(path.join(root, 'util', 'commit-exclude'));
const {FileNotFoundError} = require(path.join(root, 'errors'));
const {setLogger} = require(path.join(root, 'util', 'logger'));

const quiet = {error() {}, warn() {}, info() {}, debug() {}, trace() {}};
setLogger(quiet);

function stubGitHub(files) {
  const read = async file => {
    if (!(file in files)) throw new FileNotFoundError(file);
    return {parsedContent: files[file], sha: '', content: '', mode: '100644'};
  };
  return {
    repository: {owner: 'o', repo: 'r', defaultBranch: 'main'},
    getFileContentsOnBranch: read,
    getFileContents: read,
    async findFilesByFilenameAndRef() {
      return [];
    },
  };
}

function camel(key) {
  return key.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

async function answer(row) {
  const options = {};
  for (const [key, value] of Object.entries(row.config)) options[camel(key)] = value;
  if (options.excludePaths === undefined) delete options.excludePaths;
  const strategy = await buildStrategy({
    ...options,
    releaseType: row['release-type'],
    github: stubGitHub(row.files || {}),
    path: row.path,
    targetBranch: 'main',
    logger: quiet,
  });
  let component;
  try {
    component = (await strategy.getComponent()) || '';
  } catch (e) {
    return {id: row.id, error: String(e.message || e)};
  }
  const commits = row.commits.map((c, i) => ({sha: `sha${i}`, message: c.message, files: c.files}));
  const split = new CommitSplit({includeEmpty: true, packagePaths: row.paths}).split(commits);
  let kept = {[row.path]: row.path === '.' ? commits : split[row.path] || []};
  const excludePaths = row.config['exclude-paths'];
  kept = new CommitExclude({[row.path]: {excludePaths}}).excludeCommits(kept)[row.path];
  const parsed = parseConventionalCommits(kept, quiet);
  const latest = row.latest
    ? {tag: new TagName(Version.parse(row.latest), component), sha: 'x', notes: ''}
    : undefined;
  let version = null;
  let error = null;
  let release = false;
  try {
    const next = await strategy.buildNewVersion(parsed, latest);
    version = next.toString();
    // buildReleasePullRequest opens no pull request for no commits or an empty changelog
    const notes = await strategy.buildReleaseNotes(parsed, next, new TagName(next), latest, kept);
    release = parsed.length > 0 && !strategy.changelogEmpty(notes);
  } catch (e) {
    error = String(e.message || e);
  }
  const sample = Version.parse('1.2.3');
  const tag = new TagName(
    sample,
    strategy.includeComponentInTag ? component : undefined,
    strategy.tagSeparator,
    strategy.includeVInTag
  ).toString();
  return {
    id: row.id,
    component,
    tag,
    kept: kept.map(c => Number(c.sha.slice(3))),
    version,
    release,
    error,
  };
}

async function main() {
  const lines = readline.createInterface({input: process.stdin});
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(JSON.stringify(await answer(JSON.parse(line))) + '\n');
  }
}

main().catch(e => {
  process.stderr.write(String(e.stack || e) + '\n');
  process.exit(1);
});
