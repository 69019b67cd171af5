export { currentChapter, exercise, exerciseTitle, scaffold, target, SCAFFOLD_PREFIX } from './exercise';
