export { currentChapter, exercise, exerciseTitle, scaffold, target, SCAFFOLD_PREFIX } from './exercise';
export { recordServerOutput } from './server-output';
