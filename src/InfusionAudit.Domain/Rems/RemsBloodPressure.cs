namespace InfusionAudit.Domain.Rems;

/// <summary>One blood pressure reading the REMS form asks for.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="SystolicMmHg">Systolic, mmHg.</param>
/// <param name="DiastolicMmHg">Diastolic, mmHg.</param>
/// <param name="AfterFirstDeviceMin">Minutes from the first device to the reading; negative before dosing.</param>
public sealed record RemsBloodPressure(DateTimeOffset At, double SystolicMmHg, double DiastolicMmHg, double AfterFirstDeviceMin);
