package io.ibasho.localstack;

import java.nio.file.Path;
import java.util.List;

/** {@code ./ibasho up [--fresh] | down | status}: see the README. */
public final class Main {
    private Main() {}

    /** The LINE stand-in's port: {@code IBASHO_LINE_STAND_IN_PORT}, 8190 unless moved. */
    static int lineStandInPort(java.util.Map<String, String> env) {
        return port(env, "IBASHO_LINE_STAND_IN_PORT", 8190);
    }

    /** The SMTP stand-in's SMTP port: {@code IBASHO_SMTP_STAND_IN_PORT}, 8125 unless moved. */
    static int smtpStandInPort(java.util.Map<String, String> env) {
        return port(env, "IBASHO_SMTP_STAND_IN_PORT", 8125);
    }

    /** The SMTP stand-in's page: {@code IBASHO_SMTP_STAND_IN_PAGE_PORT}, 8191 unless moved. */
    static int smtpStandInPagePort(java.util.Map<String, String> env) {
        return port(env, "IBASHO_SMTP_STAND_IN_PAGE_PORT", 8191);
    }

    private static int port(java.util.Map<String, String> env, String variable, int byDefault) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StackException(variable + " must be a port number (1-65535), not '" + value + "'");
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        Path project = Path.of(System.getProperty("ibasho.project", "."));
        try {
            if (command.equals("stop-test-servers")) {
                // ./ibasho test: the build's shared test servers, in the directory given (SharedServers)
                StackSettings settings = StackSettings.fromEnvironment(project, System.getenv());
                new SharedServers(Path.of(arguments.get(1)), settings.dist(), Artifacts.load()).stop(System.out);
                return;
            }
            if (command.equals("start-test-servers")) {
                // ./ibasho test, during its packaging pass: every lane's servers and the build's Keycloak, so that the
                // test JVMs find them running instead of waiting for them
                // (docs/adr/0045-test-servers-start-while-packaging.md)
                if (arguments.size() != 3) {
                    throw new StackException("usage: start-test-servers <directory> <lanes>");
                }
                StackSettings settings = StackSettings.fromEnvironment(project, System.getenv());
                SharedServers.startLanes(
                        Path.of(arguments.get(1)),
                        Integer.parseInt(arguments.get(2)),
                        settings.dist(),
                        Artifacts.load(),
                        System.out);
                return;
            }
            if (command.equals("replay-dead-letters")) {
                // ./ibasho replay-dead-letters <topic>.<consumer>.dlq: against the running local stack's Kafka
                if (arguments.size() != 2) {
                    throw new StackException("usage: ibasho replay-dead-letters <topic>.<consumer>.dlq");
                }
                StackSettings settings = StackSettings.fromEnvironment(project, System.getenv());
                DeadLetterReplay.replay("127.0.0.1:" + settings.kafkaPort(), arguments.get(1), System.out);
                return;
            }
            LocalStack stack = new LocalStack(
                            StackSettings.fromEnvironment(project, System.getenv()), Artifacts.load(), System.out)
                    .withLineStandIn(lineStandInPort(System.getenv()))
                    .withSmtpStandIn(smtpStandInPort(System.getenv()), smtpStandInPagePort(System.getenv()))
                    // ./ibasho's own stack: each application's JDK AOT cache, in the git-ignored .ibasho/aot (ADR 0057)
                    .withStartupCache(StartupCache.forThisJdk(
                            project.toAbsolutePath().resolve(".ibasho").resolve("aot"), System.getenv()));
            switch (command) {
                case "up" -> stack.up(arguments.contains("--fresh"));
                case "down" -> stack.down();
                case "status" -> System.exit(stack.status() ? 0 : 3);
                default -> {
                    System.out.println(
                            "usage: ibasho up [--fresh] | down | status | test | replay-dead-letters <topic>.<consumer>.dlq");
                    System.exit(command.equals("help") ? 0 : 2);
                }
            }
        } catch (StackException e) {
            System.err.println("ibasho: " + e.getMessage());
            System.exit(1);
        }
    }
}
