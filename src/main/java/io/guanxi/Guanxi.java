package io.guanxi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Guanxi {
    public static void main(String[] args) {
        SpringApplication.run(Guanxi.class, args);
    }
}
