import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Prints the Kafka clients' own metrics of a running Liberty every few seconds, read over JMX through the JDK's attach
 * API: per outgoing channel the producer's queue time and request latency, per incoming channel the fetch latency, the
 * lag and the gap between two polls. A benchmark aid, run beside a simulation by the user that runs the server:
 * {@code java load-tests/tools/KafkaClientMetrics.java <liberty pid> [period ms] > kafka-clients.txt}
 * (README "Benchmarks", "Where a record waits before its consumer"). The values are the clients' own windowed ones
 * (two samples of 30 s), so a burst shows in them for a minute.
 */
public class KafkaClientMetrics {

    static final String[] PRODUCER = {"record-send-rate", "record-queue-time-avg", "record-queue-time-max",
            "request-latency-avg", "request-latency-max", "batch-size-avg", "requests-in-flight"};
    static final String[] FETCHER = {"records-consumed-rate", "fetch-latency-avg", "fetch-latency-max", "records-lag-max"};
    static final String[] CONSUMER = {"time-between-poll-avg", "time-between-poll-max", "poll-idle-ratio-avg"};

    public static void main(String[] args) throws Exception {
        String address = VirtualMachine.attach(args[0]).startLocalManagementAgent();
        MBeanServerConnection server = JMXConnectorFactory.connect(new JMXServiceURL(address)).getMBeanServerConnection();
        long period = Long.parseLong(args.length > 1 ? args[1] : "3000");
        while (true) {
            StringBuilder out = new StringBuilder(String.valueOf(System.currentTimeMillis()));
            for (ObjectName producer : server.queryNames(new ObjectName("kafka.producer:type=producer-metrics,client-id=*"), null)) {
                out.append("\nP ").append(producer.getKeyProperty("client-id"));
                append(out, server, producer, PRODUCER);
            }
            for (ObjectName fetcher : server.queryNames(
                    new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id=*"), null)) {
                if (fetcher.getKeyProperty("topic") != null) {
                    continue; // the per-topic copies
                }
                String client = fetcher.getKeyProperty("client-id");
                out.append("\nC ").append(client);
                append(out, server, fetcher, FETCHER);
                append(out, server, new ObjectName("kafka.consumer:type=consumer-metrics,client-id=" + client), CONSUMER);
            }
            System.out.println(out);
            Thread.sleep(period);
        }
    }

    static void append(StringBuilder out, MBeanServerConnection server, ObjectName name, String[] attributes) {
        for (String attribute : attributes) {
            String value;
            try {
                Object read = server.getAttribute(name, attribute);
                value = read instanceof Double d ? String.format("%.1f", d) : String.valueOf(read);
            } catch (Exception e) {
                value = "?";
            }
            out.append(' ').append(attribute).append('=').append(value);
        }
    }
}
