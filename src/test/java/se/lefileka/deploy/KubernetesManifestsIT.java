package se.lefileka.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests in {@code deploy/kubernetes/}, applied as {@code kubectl apply -k} would (every
 * resource the kustomization lists, and the routes' ConfigMap made from {@code routes/} as the README
 * says) to a Kubernetes API server (fabric8's, which keeps what it is sent): two pods or more under a
 * service account whose role grants what the leader election needs, every setting they give is one
 * the bundle has, and every ConfigMap, Secret key and volume they name exists.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesManifestsIT {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");

    KubernetesClient client;

    @Test
    void theManifestsApplyAndEverythingTheyNameExists() throws Exception {
        for (String file : kustomizationResources()) {
            try (InputStream in = Files.newInputStream(MANIFESTS.resolve(file))) {
                for (HasMetadata resource : client.load(in).items()) {
                    client.resource(resource).create();
                }
            }
        }
        client.resource(routesConfigMap()).create();

        Deployment deployment = client.apps().deployments().withName("lefi-leka-bundle").get();
        assertThat(deployment.getSpec().getReplicas()).as("two pods or more").isGreaterThanOrEqualTo(2);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(client.serviceAccounts().withName(pod.getServiceAccountName()).get()).isNotNull();
        assertLeaderElectionMayRun(pod.getServiceAccountName());

        Container bundle = pod.getContainers().get(0);
        Set<String> settings = settingsAsEnvironmentVariables();
        for (EnvVar variable : bundle.getEnv()) {
            assertThat(settings).as("a setting of the bundle's: " + variable.getName()).contains(variable.getName());
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                Secret secret = client.secrets().withName(variable.getValueFrom().getSecretKeyRef().getName()).get();
                assertThat(secret).as("the Secret of " + variable.getName()).isNotNull();
                assertThat(keys(secret)).as("the Secret's key for " + variable.getName())
                        .contains(variable.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        bundle.getEnvFrom().forEach(source -> {
            ConfigMap configMap = client.configMaps().withName(source.getConfigMapRef().getName()).get();
            assertThat(configMap).as("the settings' ConfigMap " + source.getConfigMapRef().getName()).isNotNull();
            assertThat(settings).as("the settings the ConfigMap gives are the bundle's")
                    .containsAll(configMap.getData().keySet());
        });

        for (Volume volume : pod.getVolumes()) {
            if (volume.getPersistentVolumeClaim() != null) {
                assertThat(client.persistentVolumeClaims().withName(volume.getPersistentVolumeClaim().getClaimName()).get()
                        .getSpec().getAccessModes()).as("the data every pod shares").contains("ReadWriteMany");
            } else if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                assertThat(client.configMaps().withName(volume.getConfigMap().getName()).get()).as(volume.getName()).isNotNull();
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().withName(volume.getSecret().getSecretName()).get();
                volume.getSecret().getItems().forEach(item -> assertThat(keys(secret)).contains(item.getKey()));
            }
        }
        Map<String, String> mounts = bundle.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath));
        // the image's working directory is /app (ContainerImageIT): its data, routes and organisations there
        assertThat(mounts).containsEntry("data", "/app/data").containsEntry("routes", "/app/routes")
                .containsEntry("organisations", "/app/config/organisations");
        ConfigMap settingsMap = client.configMaps().withName("lefi-leka-bundle-settings").get();
        assertThat(settingsMap.getData()).containsEntry("BUNDLE_CLUSTER_MODE", "kubernetes");
        assertThat(settingsMap.getData().get("FK_TLS_KEY_STORE")).startsWith(mounts.get("fk-client") + "/");
    }

    private void assertLeaderElectionMayRun(String serviceAccount) {
        RoleBinding binding = client.rbac().roleBindings().list().getItems().stream()
                .filter(each -> each.getSubjects().stream().anyMatch(subject -> serviceAccount.equals(subject.getName())))
                .findFirst().orElseThrow(() -> new AssertionError("no role binding for " + serviceAccount));
        Role role = client.rbac().roles().withName(binding.getRoleRef().getName()).get();
        assertThat(verbs(role, "leases")).containsAll(List.of("get", "create", "update"));
        assertThat(verbs(role, "pods")).contains("list");
    }

    private static Set<String> verbs(Role role, String resource) {
        Set<String> verbs = new HashSet<>();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getResources().contains(resource)) {
                verbs.addAll(rule.getVerbs());
            }
        }
        return verbs;
    }

    private static Set<String> keys(Secret secret) {
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return keys;
    }

    /** Every key of the shipped settings as the environment variable that sets it (lefi.url: LEFI_URL). */
    private static Set<String> settingsAsEnvironmentVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config/application.properties"))) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream()
                .map(key -> key.toUpperCase().replace('.', '_').replace('-', '_')).collect(Collectors.toSet());
    }

    private static List<String> kustomizationResources() throws IOException {
        List<String> lines = Files.readAllLines(MANIFESTS.resolve("kustomization.yaml"));
        List<String> resources = lines.stream().map(String::trim).filter(line -> line.startsWith("- "))
                .map(line -> line.substring(2).trim()).toList();
        assertThat(resources).as("the kustomization's resources").isNotEmpty();
        return resources;
    }

    /** As {@code kubectl create configmap lefi-leka-bundle-routes --from-file=routes/}. */
    private static ConfigMap routesConfigMap() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                files.put(route.getFileName().toString(), Files.readString(route));
            }
        }
        return new ConfigMapBuilder().withNewMetadata().withName("lefi-leka-bundle-routes").endMetadata()
                .withData(files).build();
    }
}
