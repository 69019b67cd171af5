export {
  generate,
  GenerateError,
  runGenerate,
  type ApiInfo,
  type GeneratedTree,
  type GenerateOptions,
} from './generate';
