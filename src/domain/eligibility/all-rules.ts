import { coldDeploy } from './rules/cold-deploy.ts';
import { commercePairing } from './rules/commerce-pairing.ts';
import { configurationChange } from './rules/configuration-change.ts';
import { dryRun } from './rules/dry-run.ts';
import { fixpackOrder } from './rules/fixpack-order.ts';
import { fixpackRange } from './rules/fixpack-range.ts';
import { fixpackRevert } from './rules/fixpack-revert.ts';
import { fixpackRevertRange } from './rules/fixpack-revert-range.ts';
import { fixpackTarget } from './rules/fixpack-target.ts';
import { hotfixBreaking } from './rules/hotfix-breaking.ts';
import { hotfixInstalled } from './rules/hotfix-installed.ts';
import { hotfixRelease } from './rules/hotfix-release.ts';
import { javaMajor } from './rules/java-major.ts';
import { javaSupport } from './rules/java-support.ts';
import { jvmSettings } from './rules/jvm-settings.ts';
import { patchBuild } from './rules/patch-build.ts';
import { releaseUpdate } from './rules/release-update.ts';
import { schemaDeclaration } from './rules/schema-declaration.ts';
import type { EligibilityRule } from './eligibility-rule.ts';

/** Every rule, in the order their reasons are shown. */
export const ALL_RULES: readonly EligibilityRule[] = [
  patchBuild,
  hotfixRelease,
  fixpackOrder,
  fixpackRevert,
  fixpackTarget,
  fixpackRange,
  fixpackRevertRange,
  hotfixInstalled,
  hotfixBreaking,
  commercePairing,
  schemaDeclaration,
  coldDeploy,
  configurationChange,
  jvmSettings,
  javaSupport,
  javaMajor,
  releaseUpdate,
  dryRun,
];
