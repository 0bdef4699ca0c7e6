import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import*as nodeModule from"node:module";function hasCompileCache(value){return typeof Reflect.get(value,"enableCompileCache")=="function"}function enableCompileCache2(){hasCompileCache(nodeModule)&&nodeModule.enableCompileCache()}export{enableCompileCache2 as enableCompileCache};
