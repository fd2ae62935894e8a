//! The partitions and regions where SWF is offered.

/// The partitions where SWF is offered.
pub const SWF_PARTITIONS: &[&str] = &["aws", "aws-cn", "aws-us-gov"];

/// The regions where SWF is offered, by partition (AWS's service endpoints page).
pub fn swf_regions(partition: &str) -> &'static [&'static str] {
    match partition {
        "aws-cn" => &["cn-north-1", "cn-northwest-1"],
        "aws-us-gov" => &["us-gov-east-1", "us-gov-west-1"],
        // us-east-1 first: witnesses name the first region of their class.
        _ => &[
            "us-east-1",
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ca-central-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "sa-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
    }
}
