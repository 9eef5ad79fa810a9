namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// The ISO/IEEE 11073-10101 (MDC) codes and units the mapping reads, as the IHE PCD Technical Framework text writes
/// them (TF-2 Rev 8.0; the IPEC supplement Rev 1.5): docs/hl7v2.md names the place of each. Terms whose numeric code
/// that text does not give (or gives as 0, "pending") are matched by their reference id only (no numeric code below).
/// </summary>
public static class MdcNomenclature
{
    public static readonly MdcMetric HeartRate = new(147842, "MDC_ECG_CARD_BEAT_RATE", MdcQuantity.BeatsPerMinute, Alias: "MDC_ECG_HEART_RATE");
    public static readonly MdcMetric NibpSystolic = new(150021, "MDC_PRESS_BLD_NONINV_SYS", MdcQuantity.Pressure);
    public static readonly MdcMetric NibpDiastolic = new(150022, "MDC_PRESS_BLD_NONINV_DIA", MdcQuantity.Pressure);
    public static readonly MdcMetric NibpMean = new(150023, "MDC_PRESS_BLD_NONINV_MEAN", MdcQuantity.Pressure);
    public static readonly MdcMetric Spo2 = new(150456, "MDC_PULS_OXIM_SAT_O2", MdcQuantity.Percent);
    public static readonly MdcMetric RespiratoryRate = new(151562, "MDC_RESP_RATE", MdcQuantity.BreathsPerMinute);
    public static readonly MdcMetric PumpFlowRate = new(157784, "MDC_FLOW_FLUID_PUMP", MdcQuantity.VolumeRate);
    public static readonly MdcMetric DoseRate = new(157924, "MDC_RATE_DOSE", MdcQuantity.WeightDoseRate);
    /// <summary>IPEC's "Cumulative Volume Delivered": all delivery segments of the infusion, not the current segment's.</summary>
    public static readonly MdcMetric VolumeDelivered = new(157993, "MDC_VOL_FLUID_DELIV_TOTAL", MdcQuantity.Volume);
    public static readonly MdcMetric DrugConcentration = new(157760, "MDC_CONC_DRUG", MdcQuantity.MassConcentration);
    public static readonly MdcMetric PatientWeight = new(68063, "MDC_ATTR_PT_WEIGHT", MdcQuantity.BodyMass);

    /// <summary>The drug label (a text observation, no unit).</summary>
    public const int DrugLabelCode = 184514;

    /// <summary>
    /// The event condition row of PCD-10 (OBX-3 MDC_ATTR_EVT_COND), whose OBX-5 names the event. The IPEC sample
    /// message gives its code as 0 (pending); 68487 is from a copy of the IHE term list, so the reference id decides.
    /// </summary>
    public const int EventConditionCode = 68487;

    public const string EventConditionReferenceId = "MDC_ATTR_EVT_COND";
    public const string DeliveryStart = "MDC_EVT_PUMP_DELIV_START";

    /// <summary>The one event code the IPEC text gives (its sample message); the others are matched by reference id only.</summary>
    public const int DeliveryStartCode = 197288;
    public const string DeliveryStop = "MDC_EVT_PUMP_DELIV_STOP";
    public const string DeliveryComplete = "MDC_EVT_PUMP_DELIV_COMP";

    /// <summary>The delivery status row (IPEC "Current Delivery Status", code pending) of the active source.</summary>
    public const string DeliveryStatus = "MDC_DEV_PUMP_CURRENT_DELIVERY_STATUS";

    /// <summary>A STOP with this delivery status is the first half of a rate change (IPEC clinical scenarios): the old rate runs on.</summary>
    public const string Transitioning = "pump-delivery-status-transitioning";

    /// <summary>The pump's program was cleared: no delivery follows until a new program starts.</summary>
    public const string ProgramCleared = "MDC_EVT_PUMP_PROG_CLEARED";

    public static readonly IReadOnlyList<MdcMetric> Metrics =
        [HeartRate, NibpSystolic, NibpDiastolic, NibpMean, Spo2, RespiratoryRate, PumpFlowRate, DoseRate, VolumeDelivered, DrugConcentration, PatientWeight];

    /// <summary>Units read, with the factor to the contract's unit. A unit not listed is refused, never guessed.</summary>
    public static readonly IReadOnlyList<MdcUnit> Units =
    [
        new(MdcQuantity.BeatsPerMinute, "/min", "MDC_DIM_BEAT_PER_MIN", 264864, 1),
        new(MdcQuantity.BeatsPerMinute, "{beats}/min", null, null, 1),
        new(MdcQuantity.BeatsPerMinute, "{beat}/min", null, null, 1),
        new(MdcQuantity.BreathsPerMinute, "/min", "MDC_DIM_RESP_PER_MIN", 264928, 1),
        new(MdcQuantity.BreathsPerMinute, "{breaths}/min", null, null, 1),
        new(MdcQuantity.BreathsPerMinute, "{resp}/min", null, null, 1),
        new(MdcQuantity.Pressure, "mm[Hg]", "MDC_DIM_MMHG", 266016, 1),
        new(MdcQuantity.Pressure, "kPa", "MDC_DIM_KILO_PA", null, 7.500615758456563),
        new(MdcQuantity.Percent, "%", "MDC_DIM_PERCENT", 262688, 1),
        new(MdcQuantity.VolumeRate, "mL/h", "MDC_DIM_MILLI_L_PER_HR", 265266, 1),
        new(MdcQuantity.Volume, "mL", "MDC_DIM_MILLI_L", 263762, 1),
        new(MdcQuantity.Volume, "L", "MDC_DIM_L", null, 1000),
        new(MdcQuantity.WeightDoseRate, "mg/kg/h", "MDC_DIM_MILLI_G_PER_KG_PER_HR", null, 1),
        new(MdcQuantity.WeightDoseRate, "ug/kg/min", "MDC_DIM_MICRO_G_PER_KG_PER_MIN", 265619, 0.06),
        new(MdcQuantity.MassRate, "mg/h", "MDC_DIM_MILLI_G_PER_HR", null, 1),
        new(MdcQuantity.MassConcentration, "mg/mL", "MDC_DIM_MILLI_G_PER_ML", 264306, 1),
        new(MdcQuantity.BodyMass, "kg", "MDC_DIM_KILO_G", 263875, 1),
        new(MdcQuantity.BodyMass, "g", "MDC_DIM_X_G", 263872, 0.001),
    ];
}
