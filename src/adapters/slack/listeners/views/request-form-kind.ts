import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { formArtifacts, formClusters } from '../../../../app/requests/request-form-options.ts';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import { originOf, parseRequestFormMetadata, requestForm } from '../../blocks/request-form.ts';
import { chosenKind } from '../../blocks/request-form-values.ts';
import type { ListenerContext } from '../listener-context.ts';

/** A change kind picked in the request form: the form redraws itself with that kind's fields (and its artifacts). */
export function registerRequestFormKind(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<StaticSelectAction>>(ACTION_IDS.requestFormKind, async ({ ack, body }) => {
    await ack();
    const view = body.view;
    if (view === undefined) return;
    const meta = parseRequestFormMetadata(view.private_metadata);
    const kind = chosenKind(view.state.values);
    if (!meta.ok || kind === undefined) return;
    const origin = originOf(meta.value);
    const artifacts = await formArtifacts(kind, ctx.deps);
    await ctx.client.views.update({ view_id: view.id, hash: view.hash, view: requestForm({ origin, clusters: formClusters(origin, ctx.deps), kind, artifacts }) }).catch((error: unknown) =>
      // A newer redraw won (hash_conflict) or the form was closed: the next pick redraws it.
      ctx.deps.log.warn({ err: error }, 'could not redraw the request form'),
    );
  });
}
