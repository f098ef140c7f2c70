import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ProgressTracker } from '../../progress';

describe('ProgressTracker', () => {
    it('is active between begin and end', () => {
        const tracker = new ProgressTracker();
        assert.ok(!tracker.active);
        assert.equal(tracker.label(), undefined);
        tracker.update('t1', { kind: 'begin', title: 'smallcode: fix' });
        assert.ok(tracker.active);
        assert.equal(tracker.label(), 'smallcode: fix');
        tracker.update('t1', { kind: 'report', message: 'generating round 1', percentage: 33.4 });
        assert.equal(tracker.label(), 'smallcode: fix: generating round 1 (33%)');
        tracker.update('t1', { kind: 'end', message: 'done' });
        assert.ok(!tracker.active);
    });

    it('shows the newest of several, and survives a report without begin', () => {
        const tracker = new ProgressTracker();
        tracker.update(1, { kind: 'begin', title: 'indexing' });
        tracker.update('fix', { kind: 'begin', title: 'fix', message: 'finding code' });
        assert.equal(tracker.count, 2);
        assert.equal(tracker.label(), 'fix: finding code');
        tracker.update('fix', { kind: 'end' });
        assert.equal(tracker.label(), 'indexing');
        tracker.update('late', { kind: 'report', message: 'verifying' });
        assert.equal(tracker.label(), 'working: verifying');
        tracker.clear();
        assert.ok(!tracker.active);
    });
});
