using System.Text.Json.Serialization;

namespace Ticketing.Dispatch.Assignments;

/// <summary>
/// 退回原因: why an office sent its work back, from a fixed list so supervisors can count returns by cause. The
/// office's own words travel beside it as the reason text. Stored and sent by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnReason>))]
public enum ReturnReason
{
    /// <summary>不属于本单位管辖: the place or matter is under another office's jurisdiction.</summary>
    NotOurJurisdiction,

    /// <summary>不属于本单位职责: the matter is another office's or bureau's duty.</summary>
    NotOurDuty,

    /// <summary>信息不全无法办理: the ticket lacks what the office needs to act on it.</summary>
    InformationIncomplete,

    /// <summary>重复工单: the same matter is already another ticket.</summary>
    DuplicateOfAnother,

    /// <summary>无法办理/政策不支持: no office can do what is asked, or policy does not allow it.</summary>
    CannotBeHandled,

    /// <summary>其他: none of the above; the reason text says what.</summary>
    Other,
}

/// <summary>A return reason code and its name as the console shows it.</summary>
public sealed record ReturnReasonView(ReturnReason Code, string Name);

public static class ReturnReasons
{
    /// <summary>Every code, in the enum's order, with its Chinese name (GET /return-reasons).</summary>
    public static IReadOnlyList<ReturnReasonView> All { get; } =
    [
        new(ReturnReason.NotOurJurisdiction, "不属于本单位管辖"),
        new(ReturnReason.NotOurDuty, "不属于本单位职责"),
        new(ReturnReason.InformationIncomplete, "信息不全无法办理"),
        new(ReturnReason.DuplicateOfAnother, "重复工单"),
        new(ReturnReason.CannotBeHandled, "无法办理/政策不支持"),
        new(ReturnReason.Other, "其他"),
    ];

    /// <summary>The longest code is 21 characters, past the 20 every other enum column gets.</summary>
    public const int CodeLength = 40;
}
