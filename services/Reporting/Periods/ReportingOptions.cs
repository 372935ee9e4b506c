namespace Ticketing.Reporting.Periods;

/// <summary>The "Reporting" configuration section.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>The hotline's time zone (IANA id): days, weeks, months and shifts are counted in it.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Supervision's business calendar that handling hours are measured on.</summary>
    public string Calendar { get; set; } = "default";

    /// <summary>How often completed handling cases still without their working hours are measured.</summary>
    public TimeSpan MeasureInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The hotline's shifts; none configured means <see cref="Shift.Defaults"/>.</summary>
    public List<ShiftOptions> Shifts { get; set; } = [];
}

/// <summary>A shift as configured: a name and its wall-clock start and end ("24:00" is midnight at its end).</summary>
public sealed class ShiftOptions
{
    public string Name { get; set; } = "";
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
}
