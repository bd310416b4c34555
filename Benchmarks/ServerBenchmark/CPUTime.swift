import Foundation

/// CPU time used by processes, so that figures taken on a busy machine can be read per CPU-second.
enum CPUTime {
    /// User plus system time of process `pid` in seconds (fields 14 and 15 of `/proc/PID/stat`), 0 if unreadable.
    static func seconds(ofProcess pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name (which may contain spaces) start at field 3.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User plus system time of this process in seconds.
    static var ownSeconds: Double {
        seconds(ofProcess: getpid())
    }
}
