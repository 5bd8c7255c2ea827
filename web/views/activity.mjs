// The activity log: the workspace's command log, newest first: who did what when, on the
// simulated clock. It is the audit trail that undo, export and replay rest on.
import { el } from './dom.mjs';
import { simTime } from '../sim_time.mjs';

// One line for a command, in the teaching vocabulary.
export function commandSummary(c) {
  const model = c.name && c.version !== undefined ? `${c.name}:${c.version}` : c.name;
  switch (c.type) {
    case 'dataset.register_version': return `Registered a version of dataset ${c.name} (${c.rows} rows)`;
    case 'experiment.create': return `Created experiment ${c.name}`;
    case 'run.start': return `Started a ${c.family} run in ${c.experiment}`;
    case 'run.record': return `Logged a ${c.family} run in ${c.experiment}${c.dataset ? ` on ${c.dataset.name}:${c.dataset.version}` : ''}`;
    case 'run.finish': return `Finished ${c.run} (${c.status})`;
    case 'run.log_metric': return `Logged metric ${c.name} = ${c.value} on ${c.run}`;
    case 'run.log_param': return `Logged param ${c.name} on ${c.run}`;
    case 'run.set_tag': return `Tagged ${c.run}: ${c.key} = ${c.value}`;
    case 'run.set_note': return `Wrote a note on ${c.run}`;
    case 'run.add_artifact': return `Added artifact ${c.name} to ${c.run}`;
    case 'model.register': return `Registered ${c.run} as a new version of model ${c.name}`;
    case 'model.transition': return `Moved ${model} to ${c.stage}${c.archive_existing ? ' (archiving the previous one)' : ''}${c.comment ? `: “${c.comment}”` : ''}`;
    case 'model.rollback': return `Rolled back ${c.name} to its previous Production version${c.comment ? `: “${c.comment}”` : ''}`;
    case 'model.set_alias': return `Pointed alias @${c.alias} at ${model}`;
    case 'model.delete_alias': return `Removed alias @${c.alias} from ${c.name}`;
    case 'release.create': return `Started a release of ${c.model}:${c.version}${c.failures?.length ? ` with ${c.failures.join(', ')}` : ''}: ${c.stages.map((s) => `${s.name} ${s.status}`).join(', ')}`;
    case 'release.update': return `Release-${c.release}: ${c.stages.map((s) => `${s.name} ${s.status}${s.approval ? ` (${s.approval.decision}${s.approval.comment ? `: “${s.approval.comment}”` : ''})` : ''}`).join(', ')}`;
    case 'endpoint.deploy': return `Deployed ${c.model}:${c.version} to ${c.name}`;
    case 'endpoint.rollback': return `Rolled back ${c.name} to its previous version`;
    case 'endpoint.set_canary': return c.percent > 0 ? `Sent ${c.percent}% of ${c.name}'s requests to version ${c.version}` : `Removed the canary of ${c.name}`;
    case 'pipeline.record_run': return `Pipeline ${c.pipeline} ${c.status} (${c.trigger?.type ?? 'manual'})`;
    case 'pipeline.save': return `Saved pipeline ${c.name}`;
    case 'pipeline.delete': return `Deleted pipeline ${c.name}`;
    case 'variables.set_group': return `Set variable group ${c.name} (${Object.keys(c.variables).length} variables)`;
    case 'variables.delete_group': return `Deleted variable group ${c.name}`;
    case 'simulation.record': return `Recorded a ${c.mode} simulation of ${c.scenario} (seed ${c.seed}, ${c.windows} windows): ${c.summary?.alerts ?? 0} alerts, ${c.summary?.retrainings ?? 0} retrainings, ${c.summary?.promotions ?? 0} promotions`;
    case 'clock.advance': return `The simulated clock moved ${c.duration ?? 60} s${c.reason ? `: ${c.reason}` : ''}`;
    default: return c.type;
  }
}

export async function render(container, app) {
  await app.workspaceReady;
  const body = el('tbody');
  const count = el('p', { class: 'summary', role: 'status' });
  function show(state) {
    const log = state.workspace.log;
    count.textContent = log.length ? `${log.length} commands; the simulated clock reads ${simTime(state.workspace.clock)}.` : 'Nothing has happened in this workspace yet.';
    body.replaceChildren(...[...log].reverse().map((e) => el('tr', {},
      el('td', { class: 'num', text: String(e.seq) }), el('td', { text: simTime(e.time) }), el('td', { text: e.actor }),
      el('td', {}, el('code', { text: e.command.type })), el('td', { text: commandSummary(e.command) }))));
  }
  const table = el('table', { class: 'activity', 'aria-label': 'Activity log' },
    el('thead', {}, el('tr', {}, ...['#', 'When', 'Who', 'Command', 'What'].map((h) => el('th', { scope: 'col', text: h })))), body);
  container.replaceChildren(el('h2', { text: 'Activity log' }), count, table);
  show(app.workspace.state);
  app.workspace.onChange(show, table);
}
