/**
 * Lowers a bundled mini-program script to ES5 syntax. The Alipay compiler transpiles a project's own
 * code but, unless the host configures `transpile`, not what sits in node_modules ("默认不会自动为
 * node_modules 中的代码转换语法，如果需要使用包含非 ES5 语法的 NPM 包，需要开启 transpile",
 * platform-docs/alipay-open-docs: mini/framework/框架概述.md and mini/framework/小程序的 JavaScript 引擎.md),
 * which is where merchants install our components, so they ship as ES5 like antd-mini's `es/`.
 *
 * esbuild cannot lower classes, let/const, async functions or for-of to ES5, TypeScript can; esbuild
 * then minifies with target es5, which also fails loudly if any newer syntax survived.
 */
import { transform } from 'esbuild';
import ts from 'typescript';

export async function downlevelToEs5(code: string, fileName: string): Promise<string> {
  const lowered = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      // for-of over Map/Set and array spread of iterables keep their meaning instead of assuming arrays.
      downlevelIteration: true,
      // transpileModule needs some module kind; the input is an IIFE script without import/export, so
      // CommonJS adds nothing (the build test checks that no require/exports appear).
      module: ts.ModuleKind.CommonJS,
      allowJs: true,
      removeComments: true,
    },
  });
  const problems = (lowered.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length > 0) {
    throw new Error(`${fileName}: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  }
  const minified = await transform(lowered.outputText, { target: 'es5', minify: true, legalComments: 'none', sourcefile: fileName });
  return minified.code;
}
