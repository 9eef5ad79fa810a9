using System.Globalization;

namespace InfusionAudit.Testing;

/// <summary>Real-shaped IHE PCD-01 and PCD-10 messages for the integration tests (docs/hl7v2.md).</summary>
public static class Hl7Messages
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+0000";

    private static string Header(string clinic, string trigger, string controlId, long sequence, DateTimeOffset at, string sendingApp = "GW-ICU^0123456789ABCDEF^EUI-64") =>
        $"MSH|^~\\&|{sendingApp}|{clinic}|||{Time(at)}||ORU^{trigger}^ORU_R01|{controlId}|P|2.6|{sequence}||AL|NE||UNICODE UTF-8";

    private static string Patient(string patientId, string session) =>
        $"PID|||{patientId}^^^hosp^MR||{patientId}NAME^JANE||19800101|F\rPV1||I|ICU^1^1||||||||||||||||{session}";

    public static string Vitals(string clinic, string session, string patientId, string controlId, long sequence, DateTimeOffset at,
        double heartRate = 72, double systolic = 118, double diastolic = 76, double spo2 = 98, double respiratoryRate = 14, string heartRateUnit = "264864^MDC_DIM_BEAT_PER_MIN^MDC") =>
        string.Join('\r',
            Header(clinic, "R01", controlId, sequence, at),
            Patient(patientId, session),
            $"OBR|1|{controlId}^GW-ICU|{controlId}^GW-ICU|182777000^monitoring of patient^SCT|||{Time(at)}",
            "OBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||mon-07^^0123456789ABCDEF^EUI-64",
            "OBX|2||69854^MDC_DEV_METER_PHYSIO_MULTI_PARAM_VMD^MDC|1.1.0.0|||||||X",
            $"OBX|3|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|{N(heartRate)}|{heartRateUnit}|||||R",
            $"OBX|4|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.2.1|{N(systolic)}|266016^MDC_DIM_MMHG^MDC|||||R",
            $"OBX|5|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.2.2|{N(diastolic)}|266016^MDC_DIM_MMHG^MDC|||||R",
            "OBX|6|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.1.2.3|90|266016^MDC_DIM_MMHG^MDC|||||R",
            $"OBX|7|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.1.3.1|{N(spo2)}|262688^MDC_DIM_PERCENT^MDC|||||R",
            $"OBX|8|NM|151562^MDC_RESP_RATE^MDC|1.1.4.1|{N(respiratoryRate)}|264928^MDC_DIM_RESP_PER_MIN^MDC|||||R") + "\r";

    /// <summary>A PCD-10 message of one event (START with a rate, STOP, or COMP with the volume delivered).</summary>
    public static string PumpEvent(string clinic, string session, string patientId, string controlId, long sequence, DateTimeOffset at, string mdcEvent, double? rateMlPerHour = null, double? volumeMl = null)
    {
        var rows = new List<string>
        {
            Header(clinic, "R42", controlId, sequence, at, "PUMP-GW^FEDCBA9876543210^EUI-64"),
            Patient(patientId, session),
            $"OBR|1|{controlId}^PUMP-GW|{controlId}^PUMP-GW|0^MDC_OBS_NOS^MDC|||{Time(at)}",
            "OBX|1||69985^MDC_DEV_PUMP_INFUS_MDS^MDC|1.0.0.0|||||||X|||||||pump-17^^FEDCBA9876543210^EUI-64",
            $"OBX|2|CWE|68487^MDC_ATTR_EVT_COND^MDC|1.1.1.100|0^{mdcEvent}^MDC||||||R",
            "OBX|3|ST|184514^MDC_DRUG_NAME_LABEL^MDC|1.1.1.101|Ketamine||||||R",
        };
        if (rateMlPerHour is { } rate)
        {
            rows.Add($"OBX|4|NM|157784^MDC_FLOW_FLUID_PUMP^MDC|1.1.1.102|{N(rate)}|265266^MDC_DIM_MILLI_L_PER_HR^MDC|||||R");
        }

        if (volumeMl is { } volume)
        {
            rows.Add($"OBX|5|NM|157993^MDC_VOL_FLUID_DELIV_TOTAL^MDC|1.1.1.105|{N(volume)}|263762^MDC_DIM_MILLI_L^MDC|||||R");
        }

        return string.Join('\r', rows) + "\r";
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
