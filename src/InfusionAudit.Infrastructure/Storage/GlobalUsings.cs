// The records that cross Application's ports are Application's; every storage adapter reads and writes them.
global using InfusionAudit.Application.Ports;
global using InfusionAudit.Application.Ports.Alerts;
global using InfusionAudit.Application.Ports.Audit;
global using InfusionAudit.Application.Ports.Indexes;
global using InfusionAudit.Application.Ports.Rejections;
global using InfusionAudit.Application.Ports.Sessions;
