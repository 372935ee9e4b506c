using Ticketing.Contracts;

namespace Ticketing.Dispatch.Assignments;

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
